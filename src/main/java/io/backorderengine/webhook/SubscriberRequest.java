package io.backorderengine.webhook;

import java.util.List;

import io.backorderengine.backorder.OutcomeType;
import io.backorderengine.system.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A subscriber as an administrator registers or changes it.
 *
 * @param url         where events are POSTed: {@code https://} (or {@code http://} where
 *                    {@code backorder.webhooks.allow-plain-http} is on), no user name or password in it
 * @param secret      the key the receiver verifies signatures with: 24 to 200 visible ASCII characters; left
 *                    out, one is generated (on a change, the current one is kept)
 * @param eventTypes  the outcomes to send; left out or empty, all of them
 * @param description what it is, e.g. "webshop production"
 * @param active      false pauses calls (events queue up); true when left out
 */
record SubscriberRequest(
        @NotBlank @Size(max = 2000) String url,

        @Size(min = 24, max = 200) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be visible ASCII characters")
        String secret,

        @Size(max = 20) List<@NotNull OutcomeType> eventTypes,
        @Size(max = 200) @PlainText String description,
        Boolean active) {}
