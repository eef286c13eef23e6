package io.backorderengine.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: HMAC-SHA256, keyed with the subscriber's secret (its UTF-8 bytes), over
 * {@code <timestamp>.<body>}, in lower-case hex. Signing the timestamp lets a receiver refuse a call replayed
 * later (the README's "Integrating" shows the check).
 */
final class WebhookSignature {

    /** The header's value is {@code v1=<hex>}; a later scheme would add its own part beside it. */
    static final String SCHEME = "v1=";

    private WebhookSignature() {}

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
