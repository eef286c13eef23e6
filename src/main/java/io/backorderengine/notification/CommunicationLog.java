package io.backorderengine.notification;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.backorderengine.system.RecordRows;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** What was sent (or kept, or could not be delivered), when, to whom: the {@code communication} table. */
@Repository
class CommunicationLog {

    private static final RecordRows<Communication> COMMUNICATION_ROWS = RecordRows.of(Communication.class);

    private static final String COLUMNS = """
            c.communication_id, c.message_id, c.order_id, c.case_id, c.recipient, c.subject, c.template, c.language,
            c.state, c.created_at, c.sent_at, c.failure, c.body_text""";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    CommunicationLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The email written under this key, or the one that covered it for another case. */
    Optional<Communication> find(String messageKey) {
        return jdbc
                .sql("""
                        select %s from communication c where c.message_key = ?
                        union all
                        select %s from communication c join communication_coverage v on v.communication_id = c.communication_id
                        where v.message_key = ?""".formatted(COLUMNS, COLUMNS))
                .params(messageKey, messageKey)
                .query(COMMUNICATION_ROWS)
                .list()
                .stream()
                .findFirst();
    }

    Optional<Communication> findByMessageId(String messageId) {
        return jdbc
                .sql("select " + COLUMNS + " from communication c where c.message_id = ?")
                .param(messageId)
                .query(COMMUNICATION_ROWS)
                .list()
                .stream()
                .findFirst();
    }

    /**
     * Records the email, and which other cases' sends it covers, in a transaction of its own that
     * commits at once: if the surrounding job fails later and runs again, it finds the email and does
     * not send it twice. What the email stores with it ({@link OutgoingEmail#storedWithIt}) and {@code alongside}
     * run in the same transaction (to store what follows from it).
     */
    Communication record(
            OutgoingEmail email,
            String messageId,
            EmailRenderer.Rendered rendered,
            EmailState state,
            String failure,
            Runnable alongside) {
        return record(email, messageId, rendered, state, failure, null, alongside);
    }

    /** As above, keeping the complete MIME message of an email about to be sent ({@code SENDING}). */
    Communication record(
            OutgoingEmail email,
            String messageId,
            EmailRenderer.Rendered rendered,
            EmailState state,
            String failure,
            String mime,
            Runnable alongside) {
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime sentAt = state == EmailState.SENT ? now : null;
        try {
            return ownTransaction.execute(tx -> {
                var keys = new GeneratedKeyHolder();
                jdbc.sql("""
                                insert into communication (message_key, message_id, case_id, order_id, recipient, subject,
                                template, language, body_text, state, created_at, sent_at, failure, mime, attempted_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                email.messageKey(),
                                messageId,
                                email.caseIds().get(0),
                                email.orderId(),
                                email.recipient(),
                                rendered.subject(),
                                email.template(),
                                email.locale().getLanguage(),
                                email.withoutSecrets(rendered.text()),
                                state.name(),
                                now,
                                sentAt,
                                failure,
                                mime,
                                state == EmailState.SENDING ? now : null)
                        .update(keys, "communication_id");
                long id = keys.getKey().longValue();
                for (String caseId : email.caseIds().subList(1, email.caseIds().size())) {
                    String coveredKey = email.coveredKeys().getOrDefault(caseId, email.messageKey() + "#" + caseId);
                    jdbc.sql(
                                    "insert into communication_coverage (message_key, case_id, communication_id) values (?, ?, ?)")
                            .params(coveredKey, caseId, id)
                            .update();
                }
                email.storedWithIt().run();
                alongside.run();
                return new Communication(
                        id,
                        messageId,
                        email.orderId(),
                        email.caseIds().get(0),
                        email.recipient(),
                        rendered.subject(),
                        email.template(),
                        email.locale().getLanguage(),
                        state,
                        now,
                        sentAt,
                        failure,
                        email.withoutSecrets(rendered.text()));
            });
        } catch (DuplicateKeyException recordedByAnEarlierAttempt) {
            return find(email.messageKey()).orElseThrow();
        }
    }

    /** The MIME message kept for an email not yet confirmed sent ({@code SENDING} or {@code FAILED}), if any. */
    Optional<String> mime(long communicationId) {
        return jdbc.sql("select mime from communication where communication_id = ? and state in (?, ?)")
                .params(communicationId, EmailState.SENDING.name(), EmailState.FAILED.name())
                .query(String.class)
                .optional();
    }

    /** The email is handed to the mail server (again) now. */
    void attempting(long communicationId) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        update communication set state = ?, attempted_at = ? where communication_id = ? and state in (?, ?)""")
                .params(
                        EmailState.SENDING.name(),
                        LocalDateTime.now(clock),
                        communicationId,
                        EmailState.SENDING.name(),
                        EmailState.FAILED.name())
                .update());
    }

    /** The mail server could not be reached: FAILED, at once and for good, until a retry sends it. */
    void markFailed(long communicationId, String reason) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        update communication set state = ?, failure = ? where communication_id = ? and state = ?""")
                .params(EmailState.FAILED.name(), reason, communicationId, EmailState.SENDING.name())
                .update());
    }

    /**
     * Emails still {@code SENDING} since before {@code cutoff}: the node handing them over stopped. They
     * become {@code FAILED}; their job, if it runs again, sends them.
     *
     * @return how many
     */
    int failStalled(LocalDateTime cutoff) {
        return jdbc.sql("""
                        update communication set state = ?, failure = ?
                        where state = ? and attempted_at < ?""")
                .params(
                        EmailState.FAILED.name(),
                        "not confirmed by the mail server: the node sending it stopped",
                        EmailState.SENDING.name(),
                        cutoff)
                .update();
    }

    int count(EmailState state) {
        return jdbc.sql("select count(*) from communication where state = ?")
                .param(state.name())
                .query(Integer.class)
                .single();
    }

    /** The SMTP server took the email: SENT, at once and for good (a later failure of the job does not undo it). */
    Communication markSent(Communication sending) {
        return ownTransaction.execute(tx -> {
            LocalDateTime now = LocalDateTime.now(clock);
            int marked = jdbc.sql("""
                            update communication set state = ?, sent_at = ?, failure = null, mime = null
                            where communication_id = ? and state in (?, ?)""")
                    .params(
                            EmailState.SENT.name(),
                            now,
                            sending.communicationId(),
                            EmailState.SENDING.name(),
                            EmailState.FAILED.name())
                    .update();
            // read back only when another attempt or a bounce got there first
            return marked == 1 ? sending.sent(now) : byId(sending.communicationId());
        });
    }

    /** The SMTP server refused the email for good; {@code alongside} stores what follows, in the same transaction. */
    Communication markUndeliverable(long communicationId, String reason, Runnable alongside) {
        return ownTransaction.execute(tx -> {
            jdbc.sql("""
                            update communication set state = ?, failure = ?, mime = null
                            where communication_id = ? and state in (?, ?)""")
                    .params(
                            EmailState.UNDELIVERABLE.name(),
                            reason,
                            communicationId,
                            EmailState.SENDING.name(),
                            EmailState.FAILED.name())
                    .update();
            alongside.run();
            return byId(communicationId);
        });
    }

    private Communication byId(long communicationId) {
        return jdbc.sql("select " + COLUMNS + " from communication c where c.communication_id = ?")
                .param(communicationId)
                .query(COMMUNICATION_ROWS)
                .single();
    }

    /** Marks a sent email as bounced; false if it was not (or no longer) marked sent. */
    boolean markBounced(long communicationId, String reason) {
        return jdbc.sql("update communication set state = ?, failure = ? where communication_id = ? and state = ?")
                        .params(EmailState.BOUNCED.name(), reason, communicationId, EmailState.SENT.name())
                        .update()
                == 1;
    }

    /** The cases an email was about. */
    List<String> casesOf(Communication communication) {
        List<String> cases = new ArrayList<>();
        cases.add(communication.caseId());
        cases.addAll(jdbc.sql("select case_id from communication_coverage where communication_id = ? order by case_id")
                .param(communication.communicationId())
                .query(String.class)
                .list());
        return cases;
    }

    List<Communication> forCase(String caseId) {
        // two indexed lookups: one "where ... or ... in" reads the whole table on H2
        return jdbc.sql("""
                        select %s from communication c where c.case_id = ?
                        union
                        select %s from communication c join communication_coverage v on v.communication_id = c.communication_id
                        where v.case_id = ?
                        order by 1""".formatted(COLUMNS, COLUMNS))
                .params(caseId, caseId)
                .query(COMMUNICATION_ROWS)
                .list();
    }

    /** The latest email about the case that was not itself sent again on request. */
    Optional<Communication> latestOriginal(String caseId) {
        return jdbc.sql("""
                        select %s from communication c where c.case_id = ? and c.message_key not like ?
                        union
                        select %s from communication c join communication_coverage v on v.communication_id = c.communication_id
                        where v.case_id = ? and c.message_key not like ?
                        order by 1 desc fetch first 1 rows only""".formatted(COLUMNS, COLUMNS))
                .params(caseId, Notifications.RESEND_PREFIX + "%", caseId, Notifications.RESEND_PREFIX + "%")
                .query(COMMUNICATION_ROWS)
                .optional();
    }

    List<Communication> forOrder(String orderId) {
        return jdbc.sql("select " + COLUMNS + " from communication c where c.order_id = ? order by c.communication_id")
                .param(orderId)
                .query(COMMUNICATION_ROWS)
                .list();
    }
}
