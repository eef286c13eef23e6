package io.backorderengine.system;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Failed logins per source address: each address may fail {@code backorder.security.failed-logins-per-minute}
 * times a minute (a token bucket refilled whole once a minute); beyond that it is
 * answered 429 without its credentials being checked, whoever it claims to be. Other addresses are not
 * affected, so an order system keeps working while a stranger guesses. Buckets of addresses that have been
 * quiet for ten minutes are forgotten, and at most 100,000 are kept.
 */
@Component
class AuthenticationThrottle {

    private final long perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    AuthenticationThrottle(SystemSettings settings) {
        this.perMinute = settings.security().failedLoginsPerMinute();
    }

    /** How long the address must wait before it may try again, if it has used up its failures. */
    OptionalLong blockedForSeconds(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1));
    }

    void failed(String address) {
        buckets.get(
                        address,
                        any -> Bucket.builder()
                                .addLimit(Bandwidth.builder()
                                        .capacity(perMinute)
                                        .refillIntervally(perMinute, Duration.ofMinutes(1))
                                        .build())
                                .build())
                .tryConsume(1);
    }
}
