package io.backorderengine.system;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The webapps' own login ({@code POST /camunda/api/admin/auth/user/<engine>/login/<app>}): people keep
 * Camunda's check and its per-user lock-out; an address that keeps failing is throttled like the API's
 * callers; and an order system's technical user cannot log in at all (it has an API key, not a person's
 * session, and the webapps' API would otherwise be a second door to everything it may do).
 */
class WebappLoginGuard extends OncePerRequestFilter {

    /** A login form is a user name and a password; nothing legitimate is longer. */
    private static final int MAX_FORM = 8 * 1024;

    private static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");

    private final IdentityService identity;
    private final AuthenticationThrottle throttle;
    private final ProblemWriter problems;

    WebappLoginGuard(IdentityService identity, AuthenticationThrottle throttle, ObjectMapper json) {
        this.identity = identity;
        this.throttle = throttle;
        this.problems = new ProblemWriter(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !LOGIN.matcher(request.getRequestURI()
                                .substring(request.getContextPath().length()))
                        .matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = request.getRemoteAddr();
        OptionalLong blocked = throttle.blockedForSeconds(source);
        if (blocked.isPresent()) {
            response.setHeader("Retry-After", Long.toString(blocked.getAsLong()));
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too-many-failed-logins",
                            "too many failed logins from this address; try again in " + blocked.getAsLong() + " s"));
            return;
        }
        // read the form here and hand Camunda the same bytes: Jersey takes its form parameters from the body
        byte[] form = request.getInputStream().readNBytes(MAX_FORM);
        String user = UriComponentsBuilder.newInstance()
                .query(new String(form, StandardCharsets.ISO_8859_1))
                .build()
                .getQueryParams()
                .getFirst("username");
        user = user == null ? null : URLDecoder.decode(user, StandardCharsets.UTF_8);
        if (user != null
                && !user.isBlank()
                && user.length() <= 64
                && identity.createUserQuery()
                                .userId(user)
                                .memberOfGroup(Roles.ORDER_SYSTEMS)
                                .count()
                        > 0) {
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.FORBIDDEN,
                            "forbidden",
                            "order systems call the API with their key; they do not log in to the webapps"));
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, form), response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            throttle.failed(source);
        }
    }
}
