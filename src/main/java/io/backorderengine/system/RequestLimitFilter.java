package io.backorderengine.system;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits on what a caller may send, on every REST surface: the size of a request body ({@code /api},
 * {@code /engine-rest} and the webapps' API; deployments may be larger), and the shape of a JSON body
 * sent to the engine's APIs (how many values in a list, how deep, how many in all), so that no query
 * with ten thousand criteria reaches the engine. Tomcat only limits form posts, and a JSON body of any
 * size would otherwise be read into memory first. A body too large is 413, a query too big 400, both
 * problem+json, and nothing is passed on.
 */
@Component
class RequestLimitFilter extends OncePerRequestFilter {

    /** The most values one JSON list may hold (ids of instances, variable criteria, OR branches). */
    static final int MAX_LIST = 1_000;
    static final int MAX_DEPTH = 20;
    static final int MAX_VALUES = 20_000;

    private static final JsonFactory JSON = new JsonFactory();

    private final long bodyLimit;
    private final long deploymentLimit;
    private final ProblemWriter problems;

    RequestLimitFilter(@Value("${backorder.api.max-body-size:256KB}") DataSize bodyLimit,
                       @Value("${backorder.api.max-deployment-size:4MB}") DataSize deploymentLimit,
                       ObjectMapper json) {
        this.bodyLimit = bodyLimit.toBytes();
        this.deploymentLimit = deploymentLimit.toBytes();
        this.problems = new ProblemWriter(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        long limit = path.endsWith("/deployment/create") ? deploymentLimit : bodyLimit;
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        HttpServletRequest limited = request.getContentLengthLong() < 0 ? new Limited(request, limit) : request;
        if (isEngineApi(path) && isJson(request)) {
            byte[] body;
            try {
                body = limited.getInputStream().readAllBytes();
            } catch (BodyTooLarge e) {
                tooLarge(response, limit);
                return;
            }
            Optional<String> problem = shapeProblem(body);
            if (problem.isPresent()) {
                problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "request-too-complex", problem.get()));
                return;
            }
            limited = new CachedBodyRequest(request, body);
        }
        try {
            chain.doFilter(limited, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (causedBy(e, BodyTooLarge.class) && !response.isCommitted()) {
                response.reset();
                tooLarge(response, limit);
                return;
            }
            throw e;
        }
    }

    /** What makes a JSON body too big for the engine to evaluate, if anything. */
    static Optional<String> shapeProblem(byte[] body) {
        // one entry per open object or list: whether it is a list, and how many values it holds so far
        Deque<int[]> open = new ArrayDeque<>();
        int values = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    continue;
                }
                if (token.isStructEnd()) {
                    open.pop();
                    continue;
                }
                if (++values > MAX_VALUES) {
                    return Optional.of("the request holds more than %d values".formatted(MAX_VALUES));
                }
                int[] container = open.peek();
                if (container != null && container[0] == 1 && ++container[1] > MAX_LIST) {
                    return Optional.of("a list in the request holds more than %d values".formatted(MAX_LIST));
                }
                if (token.isStructStart()) {
                    open.push(new int[] {token == JsonToken.START_ARRAY ? 1 : 0, 0});
                    if (open.size() > MAX_DEPTH) {
                        return Optional.of("the request is nested deeper than %d levels".formatted(MAX_DEPTH));
                    }
                }
            }
        } catch (IOException notJson) {
            return Optional.empty(); // the API answers malformed JSON itself
        }
        return Optional.empty();
    }

    /** Answered at once: the unread body is not waited for (Tomcat closes the connection after a 413). */
    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        problems.write(response, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                "the request body is larger than the limit of %d bytes".formatted(limit)));
        response.flushBuffer();
    }

    private static boolean isEngineApi(String path) {
        return path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/engine/");
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Counts bytes of a body sent without a length (chunked) and stops at the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n = in.read(buffer, off, len);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > limit) {
                        throw new BodyTooLarge(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }

    /** Thrown while reading; handlers find it in the cause chain. */
    static final class BodyTooLarge extends IOException {
        final long limit;

        BodyTooLarge(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }
    }
}
