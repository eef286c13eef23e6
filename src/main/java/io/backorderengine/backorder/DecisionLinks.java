package io.backorderengine.backorder;

import java.time.Instant;

/**
 * Issues the links in customer emails that lead to a case's decision page. Implemented by the
 * customer module, which also serves the page; the case only needs a link to put in the email.
 */
public interface DecisionLinks {

    /** A link with an unguessable token of its own. */
    record Link(String url, Instant expiresAt) {
    }

    Link issue(String caseId);
}
