package io.backorderengine.system;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The shape of a JSON body sent to the engine's APIs ({@code /engine-rest}, the webapps' engine API):
 * at most {@value #MAX_LIST} values in a list, {@value #MAX_DEPTH} levels, {@value #MAX_VALUES} values in
 * all, so that no query with ten thousand criteria (which ended in a StackOverflowError) reaches the
 * engine: 400 problem+json. The body's size was limited, and the body read, by {@link RequestBodyGate}.
 */
@Component
class QueryShapeFilter extends OncePerRequestFilter {

    static final int MAX_LIST = 1_000;
    static final int MAX_DEPTH = 20;
    static final int MAX_VALUES = 20_000;

    private static final JsonFactory JSON = new JsonFactory();

    private final ProblemWriter problems;

    QueryShapeFilter(ObjectMapper json) {
        this.problems = new ProblemWriter(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        return !(path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/engine/"))
                || type == null
                || !type.toLowerCase(Locale.ROOT).contains("json");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest checked = request instanceof CachedBodyRequest
                ? request
                : new CachedBodyRequest(request, request.getInputStream().readAllBytes());
        Optional<String> problem = shapeProblem(checked.getInputStream().readAllBytes());
        if (problem.isPresent()) {
            problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "request-too-complex", problem.get()));
            return;
        }
        chain.doFilter(checked, response);
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
}
