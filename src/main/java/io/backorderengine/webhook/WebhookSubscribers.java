package io.backorderengine.webhook;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.backorderengine.backorder.CaseOutcomeFeed;
import io.backorderengine.backorder.OutcomeType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Registers, changes and removes subscribers; reads them with how their deliveries stand. */
@Component
class WebhookSubscribers {

    /** A new subscriber and its secret: the only answer that shows the secret. */
    record Registered(Subscriber subscriber, String secret) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SubscriberUrls urls;
    private final CaseOutcomeFeed feed;
    private final Clock clock;

    WebhookSubscribers(JdbcClient jdbc, SubscriberUrls urls, CaseOutcomeFeed feed, Clock clock) {
        this.jdbc = jdbc;
        this.urls = urls;
        this.feed = feed;
        this.clock = clock;
    }

    /** A new subscriber is sent the events from now on, not the feed's history (that is what the feed is for). */
    @Transactional
    Registered register(SubscriberRequest request) {
        String url = urls.check(request.url()).toString();
        String secret = request.secret() != null ? request.secret() : newSecret();
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into webhook_subscriber (subscriber_id, url, secret, event_types, description, active,
                            last_position, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        url,
                        secret,
                        typesColumn(request.eventTypes()),
                        request.description(),
                        request.active() == null || request.active(),
                        feed.lastPosition(),
                        LocalDateTime.now(clock))
                .update();
        return new Registered(find(id).orElseThrow(), secret);
    }

    /** Replaces what the request gives; a request without a secret keeps the current one. */
    @Transactional
    Subscriber change(String subscriberId, SubscriberRequest request) {
        String url = urls.check(request.url()).toString();
        int changed = jdbc.sql("""
                        update webhook_subscriber
                        set url = ?, secret = coalesce(?, secret), event_types = ?, description = ?, active = ?
                        where subscriber_id = ?""")
                .params(
                        url,
                        request.secret(),
                        typesColumn(request.eventTypes()),
                        request.description(),
                        request.active() == null || request.active(),
                        subscriberId)
                .update();
        if (changed == 0) {
            throw new SubscriberNotFoundException(subscriberId);
        }
        return find(subscriberId).orElseThrow();
    }

    /** Removes the subscriber and every delivery it had, sent or not. */
    @Transactional
    void remove(String subscriberId) {
        if (jdbc.sql("delete from webhook_subscriber where subscriber_id = ?")
                        .param(subscriberId)
                        .update()
                == 0) {
            throw new SubscriberNotFoundException(subscriberId);
        }
    }

    @Transactional(readOnly = true)
    Optional<Subscriber> find(String subscriberId) {
        return jdbc.sql(SELECT + " where subscriber_id = ?")
                .param(subscriberId)
                .query(this::subscriber)
                .optional();
    }

    @Transactional(readOnly = true)
    List<Subscriber> all() {
        return jdbc.sql(SELECT + " order by created_at, subscriber_id")
                .query(this::subscriber)
                .list();
    }

    private static final String SELECT = """
            select subscriber_id, url, event_types, description, active, created_at,
                (select count(*) from webhook_delivery d
                 where d.subscriber_id = s.subscriber_id and d.state = 'PENDING') as pending,
                (select count(*) from webhook_delivery d
                 where d.subscriber_id = s.subscriber_id and d.state = 'DEAD') as dead,
                (select max(delivered_at) from webhook_delivery d
                 where d.subscriber_id = s.subscriber_id) as last_delivered
            from webhook_subscriber s""";

    private Subscriber subscriber(ResultSet row, int n) throws SQLException {
        String id = row.getString("subscriber_id");
        Timestamp lastDelivered = row.getTimestamp("last_delivered");
        return new Subscriber(
                id,
                row.getString("url"),
                types(row.getString("event_types")),
                row.getString("description"),
                row.getBoolean("active"),
                row.getTimestamp("created_at").toLocalDateTime(),
                new Subscriber.DeliveryStats(
                        row.getLong("pending"),
                        row.getLong("dead"),
                        lastDelivered == null ? null : lastDelivered.toLocalDateTime(),
                        lastFailure(id)));
    }

    private Subscriber.Failure lastFailure(String subscriberId) {
        return jdbc.sql("""
                        select last_attempt_at, last_status, last_error from webhook_delivery
                        where subscriber_id = ? and state <> 'DELIVERED' and last_error is not null
                        order by last_attempt_at desc fetch first 1 rows only""")
                .param(subscriberId)
                .query((row, n) -> new Subscriber.Failure(
                        row.getTimestamp("last_attempt_at").toLocalDateTime(),
                        row.getObject("last_status", Integer.class),
                        row.getString("last_error")))
                .optional()
                .orElse(null);
    }

    static String typesColumn(List<OutcomeType> requested) {
        Set<OutcomeType> types =
                requested == null || requested.isEmpty() ? EnumSet.allOf(OutcomeType.class) : EnumSet.copyOf(requested);
        return types.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    static Set<OutcomeType> types(String column) {
        return Arrays.stream(column.split(","))
                .map(OutcomeType::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(OutcomeType.class)));
    }

    /** 32 random bytes: as strong as the HMAC-SHA256 key can use. */
    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
