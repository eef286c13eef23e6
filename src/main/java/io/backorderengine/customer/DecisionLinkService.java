package io.backorderengine.customer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.backorder.DecisionLinks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Decision links: 256 random bits per link, of which only a SHA-256 hash is stored, bound to one
 * case and valid for a limited time. A leaked database does not reveal working links.
 */
@Service
class DecisionLinkService implements DecisionLinks {

    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final LinkProperties properties;
    private final URI publicUrl;
    private final Clock clock;

    DecisionLinkService(JdbcClient jdbc, LinkProperties properties, CasePolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        // customers reach the application where agents do, unless it is set apart for them
        this.publicUrl = properties.publicUrl() != null ? properties.publicUrl() : policy.publicUrl();
        this.clock = clock;
    }

    /**
     * A new token, stored by the returned link's {@code store}: the email carrying it runs that in the
     * transaction that records the email, before it may reach the customer, so the link works even if the
     * job writing the email fails and runs again. A token whose email never went out is harmless: random,
     * hashed, expiring.
     */
    @Override
    public Link issue(String caseId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(properties.validity());
        String hash = hash(token);
        return new Link(
                publicUrl.resolve("/customer/decisions/" + token).toString(),
                expires,
                () -> jdbc.sql(
                                "insert into decision_link (token_hash, case_id, created_at, expires_at) values (?, ?, ?, ?)")
                        .params(hash, caseId, utc(now), utc(expires))
                        .update());
    }

    /** The case a token belongs to, if the token is one we issued and it has not expired. */
    Optional<String> caseOf(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select case_id from decision_link where token_hash = ? and expires_at > ?")
                .params(hash(token), utc(clock.instant()))
                .query(String.class)
                .optional();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
