package io.backorderengine.notification;

import java.util.List;

/** An email was accepted by the SMTP server (published in the sending transaction, after the log entry). */
public record EmailSent(String messageId, String orderId, List<String> caseIds, String template) {}
