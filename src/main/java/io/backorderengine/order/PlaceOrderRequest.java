package io.backorderengine.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An order as the shop sends it. Ids are restricted to URL-safe characters; a line id has no '-'
 * because the case id is {@code <orderId>-<lineId>} and must split back unambiguously.
 */
record PlaceOrderRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may contain letters, digits and . _ : - only")
        String orderId,
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
            @NotBlank @Size(max = 64) String id,
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 40) @Pattern(regexp = "[0-9+ ()/-]*", message = "may contain digits, spaces and + ( ) / - only") String phone,
            @NotNull CustomerTier tier,
            @Pattern(regexp = "en|de", message = "must be en or de") String language,
            @Size(max = 64) String timeZone) {

        String languageOrDefault() {
            return language == null ? "en" : language;
        }

        String timeZoneOrDefault() {
            return timeZone == null ? "UTC" : timeZone;
        }
    }

    record Line(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:]+", message = "may contain letters, digits and . _ : only")
            String lineId,
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Positive @Max(100_000) Integer quantity) {
    }
}
