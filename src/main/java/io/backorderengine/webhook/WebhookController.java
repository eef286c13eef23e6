package io.backorderengine.webhook;

import java.net.URI;
import java.util.List;

import io.backorderengine.system.ListPage;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators register the order systems' webhook endpoints and look after their deliveries. */
@RestController
@RequestMapping(path = "/api/admin/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookController {

    /** @param requeued dead deliveries queued again */
    record Retried(int requeued) {}

    private final WebhookSubscribers subscribers;
    private final WebhookDeliveries deliveries;

    WebhookController(WebhookSubscribers subscribers, WebhookDeliveries deliveries) {
        this.subscribers = subscribers;
        this.deliveries = deliveries;
    }

    /** 201 with the subscriber and its secret: the only answer that shows the secret. */
    @ApiResponse(
            responseCode = "201",
            description = "The subscriber and its secret, shown this once",
            useReturnTypeSchema = true)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WebhookSubscribers.Registered> register(@Valid @RequestBody SubscriberRequest request) {
        WebhookSubscribers.Registered registered = subscribers.register(request);
        return ResponseEntity.created(URI.create(
                        "/api/admin/webhooks/" + registered.subscriber().subscriberId()))
                .body(registered);
    }

    @GetMapping
    List<Subscriber> all() {
        return subscribers.all();
    }

    @GetMapping("/{subscriberId}")
    Subscriber one(@PathVariable String subscriberId) {
        return existing(subscriberId);
    }

    /** Replaces URL, event types, description and active; the secret only when the request has one. */
    @PutMapping(path = "/{subscriberId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Subscriber change(@PathVariable String subscriberId, @Valid @RequestBody SubscriberRequest request) {
        return subscribers.change(subscriberId, request);
    }

    /** Stops calls at once; undelivered events of this subscriber are dropped (the feed still has them). */
    @DeleteMapping("/{subscriberId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String subscriberId) {
        subscribers.remove(subscriberId);
    }

    /** The subscriber's deliveries, newest event first; {@code state=DEAD} lists what needs attention. */
    @GetMapping("/{subscriberId}/deliveries")
    ListPage<Delivery> deliveries(
            @PathVariable String subscriberId,
            @RequestParam(required = false) DeliveryState state,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        existing(subscriberId);
        return deliveries.of(subscriberId, state, page, size);
    }

    /**
     * Queues the subscriber's dead deliveries again with a fresh set of tries (after its receiver is fixed).
     * A case's later events may have been delivered meanwhile: receivers order by {@code position}.
     */
    @PostMapping("/{subscriberId}/retries")
    Retried retryDead(@PathVariable String subscriberId) {
        existing(subscriberId);
        return new Retried(deliveries.retryDead(subscriberId));
    }

    private Subscriber existing(String subscriberId) {
        return subscribers.find(subscriberId).orElseThrow(() -> new SubscriberNotFoundException(subscriberId));
    }
}
