package io.backorderengine.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps' own API ({@code /camunda/api/**}) is Camunda's, with Camunda's error bodies; for a server
 * error those pass on whatever failed (an SQL statement, the database's version, class names). Here a
 * server error is answered with a problem that says only that it failed and gives a reference to the log
 * entry that has the rest; it keeps a {@code message}, which the webapps show. Client errors pass unchanged.
 */
@Component
class WebappErrorShield extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebappErrorShield.class);

    private final ObjectMapper json;

    WebappErrorShield(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI()
                .substring(request.getContextPath().length())
                .startsWith("/camunda/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, buffered);
        if (buffered.getStatus() < 500) {
            buffered.copyBodyToResponse();
            return;
        }
        String reference = UUID.randomUUID().toString();
        log.error(
                "{} {} failed ({}): {}",
                request.getMethod(),
                request.getRequestURI(),
                reference,
                new String(buffered.getContentAsByteArray(), StandardCharsets.UTF_8));
        int status = buffered.getStatus();
        buffered.resetBuffer();
        ProblemDetail problem = Problems.of(
                HttpStatus.valueOf(status),
                "internal-error",
                "the server failed to process the request; reference " + reference);
        problem.setProperty("message", problem.getDetail());
        buffered.setContentType("application/problem+json");
        json.writeValue(buffered.getOutputStream(), problem);
        buffered.copyBodyToResponse();
    }
}
