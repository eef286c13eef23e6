package io.backorderengine.notification;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A status reminder about one waiting line, as the notification tests send it. */
final class ReminderEmails {

    private ReminderEmails() {}

    static OutgoingEmail reminder(String key, String recipient, String customerName) {
        return reminder(key, recipient, model(customerName));
    }

    /** The same reminder with a model of the test's own (the default one changed). */
    static OutgoingEmail reminder(String key, String recipient, Map<String, Object> model) {
        return new OutgoingEmail(
                key,
                "ORD-1",
                List.of("ORD-1-1"),
                Map.of(),
                recipient,
                "status-reminder",
                Locale.ENGLISH,
                ZoneId.of("UTC"),
                model);
    }

    static Map<String, Object> model(String customerName) {
        Map<String, Object> line = new HashMap<>();
        line.put("productName", "Lantern");
        line.put("quantityShort", 2);
        line.put("expectedDate", "3 December 2026");
        line.put("alternatives", List.of());
        line.put("decisionLink", null);
        return Map.of("customerName", customerName, "orderId", "ORD-1", "lines", List.of(line));
    }
}
