package io.backorderengine.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys of technical users: 256 random bits each, shown once when issued, kept only as a SHA-256
 * hash. An order system sends its key as the password of HTTP Basic; the key is checked here, not by
 * the engine's password check, so failed guesses by strangers never lock the order system out.
 */
@Service
public class ApiKeys {

    private static final RecordRows<ApiKey> API_KEY_ROWS = RecordRows.of(ApiKey.class);

    /** A key as an administrator sees it: never the key itself. */
    public record ApiKey(String keyId, String userId, String label, LocalDateTime createdAt, LocalDateTime revokedAt) {}

    /** A key just issued: the only time {@code key} is known. */
    public record IssuedKey(String keyId, String userId, String label, String key, LocalDateTime createdAt) {}

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new random key for the user. */
    @Transactional
    public IssuedKey issue(String userId, String label) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return register(
                userId, label, "bo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Registers a key made elsewhere (provisioned from a secrets store, or the demo profile's well-known one). */
    @Transactional
    public IssuedKey register(String userId, String label, String key) {
        String keyId = UUID.randomUUID().toString();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("insert into api_key (key_id, user_id, key_hash, label, created_at) values (?, ?, ?, ?, ?)")
                .params(keyId, userId, hash(key), label, now)
                .update();
        return new IssuedKey(keyId, userId, label, key, now);
    }

    /** Whether the presented key is a live key of this user. */
    public boolean matches(String userId, String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 200) {
            return false;
        }
        return jdbc.sql("select count(*) from api_key where key_hash = ? and user_id = ? and revoked_at is null")
                        .params(hash(presented), userId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public List<ApiKey> of(String userId) {
        return jdbc.sql(
                        "select key_id, user_id, label, created_at, revoked_at from api_key where user_id = ? order by created_at")
                .param(userId)
                .query(API_KEY_ROWS)
                .list();
    }

    /** Revokes a key; the answer is the key as it now is, or empty when there is no such key. */
    @Transactional
    public Optional<ApiKey> revoke(String keyId) {
        jdbc.sql("update api_key set revoked_at = ? where key_id = ? and revoked_at is null")
                .params(LocalDateTime.now(clock), keyId)
                .update();
        return jdbc.sql("select key_id, user_id, label, created_at, revoked_at from api_key where key_id = ?")
                .param(keyId)
                .query(API_KEY_ROWS)
                .optional();
    }

    private static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
