package io.backorderengine.order;

import java.util.List;

import io.backorderengine.backorder.CaseFormats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An order as the shop sends it, in the formats every door into a case checks ({@link CaseFormats}): ids
 * are URL-safe, a line id has no '-' (the case id is {@code <orderId>-<lineId>}), names are plain text.
 */
record PlaceOrderRequest(
        @CaseFormats.OrderId String orderId,
        @NotNull @Valid Customer customer,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid Line> lines,
        Boolean shipComplete) {

    /** Lines ship only whole: a backordered line waits until all its units can be allocated at once. */
    boolean shipsComplete() {
        return Boolean.TRUE.equals(shipComplete);
    }

    /**
     * @param email    where the customer hears from us; may be left out only when a phone is given
     *                 (an agent then contacts the customer)
     * @param language {@code en} (default) or {@code de}: the language of emails and the decision page
     * @param timeZone an IANA zone such as {@code Europe/Berlin} (default UTC) for times shown to them
     */
    record Customer(
            @CaseFormats.Code String id,
            @CaseFormats.Name String name,
            @CaseFormats.EmailAddress String email,
            @CaseFormats.Phone String phone,
            @NotNull CustomerTier tier,
            @CaseFormats.Language String language,
            @CaseFormats.TimeZone String timeZone) {

        String languageOrDefault() {
            return language == null ? "en" : language;
        }

        String timeZoneOrDefault() {
            return timeZone == null ? "UTC" : timeZone;
        }
    }

    record Line(
            @CaseFormats.LineId String lineId,
            @CaseFormats.Code String sku,
            @NotNull @CaseFormats.Quantity Integer quantity) {}
}
