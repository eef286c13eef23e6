package io.backorderengine.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Which URLs a subscriber may have. Only administrators register them; still, the engine will call this URL
 * from inside the shop's network for as long as the subscriber lives, so it must be plainly what it looks
 * like: an absolute http(s) address with a host, no credentials that would end up in logs, no fragment.
 */
@Component
class SubscriberUrls {

    private final WebhookProperties properties;

    SubscriberUrls(WebhookProperties properties) {
        this.properties = properties;
    }

    /** The URL as it will be called; refuses one that may not be. */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidSubscriberException("url", "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowPlainHttp())) {
            throw new InvalidSubscriberException(
                    "url",
                    properties.allowPlainHttp()
                            ? "must start with https:// or http://"
                            : "must start with https:// (plain http is off: backorder.webhooks.allow-plain-http)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidSubscriberException("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidSubscriberException(
                    "url", "must not hold a user name or password (receivers verify the signature instead)");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidSubscriberException("url", "must not have a fragment (#...)");
        }
        return uri;
    }
}
