package io.backorderengine.backorder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import io.backorderengine.notification.EmailSummary;

/** Everything about one case, as {@code GET /api/backorders/{id}} answers it. */
public record CaseView(
        String caseId,
        String orderId,
        String lineId,
        String sku,
        String productName,
        int quantityOrdered,
        int quantityShort,
        BigDecimal unitPrice,
        CaseStatus status,
        LocalDateTime openedAt,
        LocalDateTime closedAt,
        String closeReason,
        RootCause rootCause,
        int priority,
        boolean shipComplete,
        Customer customer,
        LocalDate expectedDate,
        List<CasePromises.Promise> promises,
        List<CaseOffers.Offer> offers,
        List<CaseDecisions.Decision> decisions,
        List<EmailSummary> emails,
        List<CaseTasks.Task> tasks,
        List<CaseLedger.Entry> timeline) {

    public record Customer(
            String id, String name, String email, String phone, String tier, String language, String timeZone) {

        static Customer of(OpenCase.Customer c) {
            return new Customer(c.id(), c.name(), c.email(), c.phone(), c.tier(), c.language(), c.timeZone());
        }
    }
}
