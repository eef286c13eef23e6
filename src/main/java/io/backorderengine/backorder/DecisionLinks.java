package io.backorderengine.backorder;

import java.time.Instant;

/**
 * Issues the links in customer emails that lead to a case's decision page. Implemented by the
 * customer module, which also serves the page; the case only needs a link to put in the email.
 */
public interface DecisionLinks {

    /**
     * A link with an unguessable token of its own. It works once {@code store} has run: in the transaction
     * that records the email carrying it, which commits before the email is handed to the mail server.
     */
    record Link(String url, Instant expiresAt, Runnable store) {}

    Link issue(String caseId);
}
