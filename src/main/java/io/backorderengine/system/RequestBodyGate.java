package io.backorderengine.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slow clients cannot starve a node. Every request body is read here, first, before anything else
 * touches it: within a deadline ({@code backorder.http.body-read-timeout}, 408 after it), up to a size
 * limit (413), and by at most so many requests at once, in all and per source address (503 with
 * Retry-After beyond). Only then is the request handed on, its body in memory, so no other part of the
 * application ever waits on a client's network. Requests without a body (health checks, reads) are not
 * held up by any of this: a node whose upload slots are full still answers them at once.
 *
 * <p>A refused connection is closed at once, without draining the rest of its body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyGate extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyGate.class);

    private final Duration deadline;
    private final Semaphore uploads;
    private final int perClient;
    /** Requests with a body being read, per source address (an address is removed at zero). */
    private final ConcurrentHashMap<String, Integer> byClient = new ConcurrentHashMap<>();

    private static final Pattern CATALOG =
            Pattern.compile("/api/inventory/(products|suppliers|substitutes|stock-changes)/?");

    private final long bodyLimit;
    private final long deploymentLimit;
    private final long catalogLimit;
    private final ProblemWriter problems;

    RequestBodyGate(SystemSettings settings, ObjectMapper json) {
        this.deadline = settings.http().bodyReadTimeout();
        this.uploads = new Semaphore(settings.http().maxConcurrentUploads());
        this.perClient = settings.http().maxConcurrentUploadsPerClient();
        this.bodyLimit = settings.api().maxBodySize().toBytes();
        this.deploymentLimit = settings.api().maxDeploymentSize().toBytes();
        this.catalogLimit = settings.api().maxCatalogSize().toBytes();
        this.problems = new ProblemWriter(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            refuseTooLarge(response, limit);
            return;
        }
        String client = request.getRemoteAddr();
        if (byClient.merge(client, 1, Integer::sum) > perClient) {
            release(client);
            refuse(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "too-many-uploads",
                    "too many requests with a body from your address at once; retry shortly",
                    "1");
            return;
        }
        if (!uploads.tryAcquire()) {
            release(client);
            refuse(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "too-many-uploads",
                    "the server is receiving too many requests with a body at once; retry shortly",
                    "1");
            return;
        }
        byte[] body;
        try {
            body = read(request.getInputStream(), limit);
        } catch (TooLarge e) {
            refuseTooLarge(response, limit);
            return;
        } catch (IOException slowOrBroken) {
            log.info(
                    "{} {} from {}: the body did not arrive within {} ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    client,
                    deadline,
                    slowOrBroken.getMessage());
            refuse(
                    response,
                    HttpStatus.REQUEST_TIMEOUT,
                    "body-too-slow",
                    "the request body did not arrive within " + deadline.toSeconds() + " s",
                    null);
            return;
        } finally {
            uploads.release();
            release(client);
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private byte[] read(InputStream in, long limit) throws IOException {
        long until = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                throw new TooLarge();
            }
            if (System.nanoTime() > until) {
                throw new TooSlow();
            }
        }
        return body.toByteArray();
    }

    private void release(String client) {
        byClient.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }

    /**
     * Answers and closes the connection at once. Tomcat would otherwise read what is left of the body
     * (up to 2 MB, for as long as the client takes) before closing, holding the thread: the exception,
     * thrown after the answer is sent, makes it close without reading on (it is logged at debug only).
     */
    /** Deployments and catalog uploads are larger than any other request by nature. */
    private long limitFor(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri.endsWith("/deployment/create")) {
            return deploymentLimit;
        }
        return "PUT".equals(request.getMethod()) && CATALOG.matcher(uri).matches() ? catalogLimit : bodyLimit;
    }

    private void refuseTooLarge(HttpServletResponse response, long limit) throws IOException {
        refuse(
                response,
                HttpStatus.PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "the request body is larger than the limit of %d bytes".formatted(limit),
                null);
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String type, String detail, String retryAfter)
            throws IOException {
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter);
        }
        response.setHeader("Connection", "close");
        problems.write(response, Problems.of(status, type, detail));
        response.flushBuffer();
        throw new CloseNowException("refused without reading the rest of the body: " + type);
    }

    private static final class TooLarge extends IOException {}

    private static final class TooSlow extends IOException {
        TooSlow() {
            super("deadline passed");
        }
    }
}
