package io.backorderengine.backorder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.backorderengine.backorder.internal.CaseMails;
import io.backorderengine.backorder.internal.CaseRecord;
import io.backorderengine.backorder.internal.CaseRepository;
import io.backorderengine.backorder.internal.RootCauses;
import io.backorderengine.notification.Communication;
import io.backorderengine.notification.Notifications;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an agent does to a case from the case desk beyond the process's own tasks: a note, a corrected
 * address, the last email sent again, a cancellation with its reason and cause. Each is a step in the
 * case's ledger under the agent's name, so the timeline shows who did what.
 */
@Service
public class CaseDesk {

    /**
     * @param communication the email as the log holds it
     * @param again         false when this email had been sent to this address on request before: nothing
     *                      new was sent
     */
    public record Resent(Communication communication, boolean again) {}

    private final CaseRepository cases;
    private final CaseLedger ledger;
    private final CaseMails mails;
    private final Notifications notifications;
    private final CaseDecisions decisions;
    private final RootCauses rootCauses;

    CaseDesk(
            CaseRepository cases,
            CaseLedger ledger,
            CaseMails mails,
            Notifications notifications,
            CaseDecisions decisions,
            RootCauses rootCauses) {
        this.rootCauses = rootCauses;
        this.cases = cases;
        this.ledger = ledger;
        this.mails = mails;
        this.notifications = notifications;
        this.decisions = decisions;
    }

    @Transactional
    public void note(String caseId, String text, String agent) {
        cases.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        ledger.record(caseId, CaseLedgerKind.NOTE, agent, text.strip());
    }

    /**
     * Corrects the customer's address on every case of the order (emails go per order); later emails go
     * to it. The same address again changes nothing.
     *
     * @return the cases whose address changed
     */
    @Transactional
    public List<String> correctEmail(String caseId, String email, String agent) {
        String orderId = cases.find(caseId)
                .orElseThrow(() -> new CaseNotFoundException(caseId))
                .orderId();
        String address = email.strip();
        List<String> changed = cases.lockOrder(orderId).stream()
                .filter(c -> !address.equalsIgnoreCase(c.customerEmail() == null ? "" : c.customerEmail()))
                .map(c -> {
                    ledger.record(
                            c.caseId(),
                            CaseLedgerKind.EMAIL_CORRECTED,
                            agent,
                            "from %s to %s"
                                    .formatted(c.customerEmail() == null ? "(none)" : c.customerEmail(), address));
                    return c.caseId();
                })
                .toList();
        cases.updateEmail(changed, address);
        return changed;
    }

    /**
     * Sends the case's last email again, written afresh from today's facts (a new decision link), to the
     * address the case has now. The same email to the same address is sent once, however often asked.
     *
     * @throws DecisionRefusedException when there is no email to send again, or it is about an open case and
     *                                  the case has ended
     */
    @Transactional
    public Resent resendLastEmail(String caseId, String agent) {
        CaseRecord c = cases.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        if (c.customerEmail() == null || c.customerEmail().isBlank()) {
            throw new InvalidCaseException("email", "the customer has no email address; correct it first");
        }
        Communication last = notifications
                .latestOriginal(caseId)
                .orElseThrow(() -> new InvalidCaseException("email", "no email about case %s yet".formatted(caseId)));
        String key = Notifications.resendKey(last, c.customerEmail());
        Optional<Communication> earlier = notifications.find(key);
        if (earlier.isPresent()) {
            return new Resent(earlier.get(), false);
        }
        Communication sent = mails.send(caseId, last.template(), key, Map.of(), c.closeReason())
                .orElseThrow(() -> new DecisionRefusedException(
                        DecisionRefusal.CASE_CLOSED,
                        "the %s email is about an open case, and case %s is %s"
                                .formatted(last.template(), caseId, c.status())));
        ledger.record(
                caseId,
                CaseLedgerKind.EMAIL_RESENT,
                agent,
                "%s to %s (%s)".formatted(last.template(), c.customerEmail(), sent.state()));
        return new Resent(sent, true);
    }

    /**
     * Cancels the case for the customer (who asked the agent), with the reason the customer gave and the
     * root cause the agent sees.
     */
    @Transactional(noRollbackFor = {DecisionRefusedException.class, InvalidCaseException.class})
    public CaseDecisions.Decision cancel(
            String caseId, String reason, RootCause cause, String agent, DecisionChannel channel) {
        CaseDecisions.Decision decision =
                decisions.decide(caseId, CustomerDecision.CANCEL, null, reason.strip(), agent, channel);
        if (cause != null) {
            rootCauses.named(caseId, cause, agent);
        }
        return decision;
    }
}
