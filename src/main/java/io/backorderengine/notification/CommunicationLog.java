package io.backorderengine.notification;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** What was sent (or kept), when, to whom: the {@code communication} table. */
@Repository
class CommunicationLog {

    private static final String COLUMNS =
            "message_id, recipient, subject, template, language, state, created_at, sent_at, body_text";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    CommunicationLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    Optional<Communication> find(String messageKey) {
        return jdbc.sql("select " + COLUMNS + " from communication where message_key = ?")
                .param(messageKey).query(Communication.class).optional();
    }

    /**
     * Records the email in a transaction of its own, committed at once: if the surrounding job fails
     * later and runs again, it finds the email already sent and does not send it twice.
     */
    Communication record(String messageKey, String messageId, OutgoingEmail email, EmailRenderer.Rendered rendered,
                         String state) {
        LocalDateTime now = LocalDateTime.now(clock);
        try {
            ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                            insert into communication (message_key, message_id, case_id, order_id, recipient, subject,
                            template, language, body_text, state, created_at, sent_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(messageKey, messageId, email.caseId(), email.orderId(), email.recipient(), rendered.subject(),
                            email.template(), email.locale().getLanguage(), rendered.text(), state, now,
                            Communication.SENT.equals(state) ? now : null)
                    .update());
        } catch (DuplicateKeyException recordedByAnEarlierAttempt) {
            return find(messageKey).orElseThrow();
        }
        return new Communication(messageId, email.recipient(), rendered.subject(), email.template(),
                email.locale().getLanguage(), state, now, Communication.SENT.equals(state) ? now : null, rendered.text());
    }

    List<Communication> forCase(String caseId) {
        return jdbc.sql("select " + COLUMNS + " from communication where case_id = ? order by communication_id")
                .param(caseId).query(Communication.class).list();
    }
}
