package io.backorderengine.system;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401, 403 and 429 as problem+json, so clients see the same error shape everywhere. */
final class ProblemResponses {

    private final ProblemWriter writer;

    ProblemResponses(ObjectMapper json) {
        this.writer = new ProblemWriter(json);
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            if (exception instanceof DatabaseUnavailable) {
                response.setHeader("Retry-After", DatabaseOutage.RETRY_AFTER);
                write(
                        response,
                        Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", DatabaseOutage.DETAIL));
                return;
            }
            if (exception instanceof TooManyFailedLogins throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                write(
                        response,
                        Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins", throttled.getMessage()));
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"backorder-engine\"");
            write(
                    response,
                    Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            "unauthorized",
                            "authentication required: send HTTP Basic credentials of a user with access"));
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(
                response,
                Problems.of(
                        HttpStatus.FORBIDDEN,
                        "forbidden",
                        "your role may not use " + request.getMethod() + " " + request.getRequestURI()));
    }

    /** For paths that do not exist (or that nobody may know of). */
    AuthenticationEntryPoint notFound() {
        return (request, response, exception) -> write(
                response, Problems.of(HttpStatus.NOT_FOUND, "not-found", "no resource at " + request.getRequestURI()));
    }

    /** For paths refused to everyone, authenticated or not. */
    AuthenticationEntryPoint refused(String why) {
        return (request, response, exception) -> write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", why));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        writer.write(response, problem);
    }
}
