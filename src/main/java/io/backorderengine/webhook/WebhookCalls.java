package io.backorderengine.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

/**
 * One signed POST of an event to a subscriber. Every call has a connect timeout and a deadline for the whole
 * exchange (a receiver that trickles its answer is cut off too); redirects are not followed, since the
 * signature was made for the registered URL.
 */
@Component
class WebhookCalls {

    static final String EVENT_ID = "Backorder-Event-Id";
    static final String TIMESTAMP = "Backorder-Timestamp";
    static final String SIGNATURE = "Backorder-Signature";
    static final String ATTEMPT = "Backorder-Attempt";

    /** What a call came to: the receiver's status, or no answer and why. */
    record Answer(Integer status, String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookCalls(WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Answer call(WebhookDeliveries.Call call) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(call.url()))
                .timeout(properties.callTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Backorder-Engine-Webhooks")
                .header(EVENT_ID, call.eventId())
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, WebhookSignature.sign(call.secret(), timestamp, call.payload()))
                .header(ATTEMPT, Integer.toString(call.attempts() + 1))
                .POST(HttpRequest.BodyPublishers.ofString(call.payload()))
                .build();
        var exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            long deadline =
                    properties.connectTimeout().plus(properties.callTimeout()).toMillis();
            int status = exchange.get(deadline, TimeUnit.MILLISECONDS).statusCode();
            return new Answer(status, status >= 200 && status < 300 ? null : "answered HTTP " + status);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Answer(
                    null, "no answer within " + properties.callTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Answer(null, reason(e.getCause()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted (the node is stopping)");
        }
    }

    private String reason(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return "no connection within " + properties.connectTimeout().toMillis() + " ms, or refused";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + properties.callTimeout().toMillis() + " ms";
        }
        if (cause instanceof IOException) {
            return "connection failed: " + cause;
        }
        return String.valueOf(cause);
    }
}
