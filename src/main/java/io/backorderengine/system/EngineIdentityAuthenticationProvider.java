package io.backorderengine.system;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic credentials checked against the engine's identity service, so the API, the engine's
 * REST API and the webapps share one set of users and groups (and LDAP works through Camunda's
 * plugin).
 * <ul>
 * <li>People (every user outside {@code ordersystems}) give their password; the engine's check locks
 * a user out for a while after failed attempts.</li>
 * <li>Order systems give one of their {@link ApiKeys} as the password, checked without any lock-out,
 * so strangers guessing wrong cannot stop intake.</li>
 * <li>Either way, an address that keeps failing is throttled ({@link AuthenticationThrottle}).</li>
 * </ul>
 */
@Component
class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final ApiKeys apiKeys;
    private final AuthenticationThrottle throttle;

    EngineIdentityAuthenticationProvider(IdentityService identity, ApiKeys apiKeys, AuthenticationThrottle throttle) {
        this.identity = identity;
        this.apiKeys = apiKeys;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String source = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "unknown";
        throttle.blockedForSeconds(source).ifPresent(seconds -> {
            throw new TooManyFailedLogins(seconds);
        });
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        List<String> groups;
        boolean valid;
        try {
            groups = user == null || user.isBlank() || user.length() > 64
                    ? List.of()
                    : identity.createGroupQuery().groupMember(user).list().stream()
                            .map(Group::getId)
                            .toList();
            valid = password instanceof String secret
                    && !groups.isEmpty()
                    && (groups.contains(Roles.ORDER_SYSTEMS)
                            ? apiKeys.matches(user, secret)
                            : identity.checkPassword(user, secret));
        } catch (RuntimeException failure) {
            if (DatabaseOutage.causedBy(failure)) {
                throw new DatabaseUnavailable(failure);
            }
            throw failure;
        }
        if (!valid) {
            throttle.failed(source);
            throw new BadCredentialsException("Bad credentials");
        }
        return new EngineUserAuthentication(user, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
