package io.backorderengine.system;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A user the engine's identity service authenticated, with their Camunda groups as roles. */
final class EngineUserAuthentication extends AbstractAuthenticationToken {

    private final String userId;
    private final List<String> groupIds;

    EngineUserAuthentication(String userId, List<String> groupIds) {
        super(roles(groupIds));
        this.userId = userId;
        this.groupIds = List.copyOf(groupIds);
        setAuthenticated(true);
    }

    private static Collection<SimpleGrantedAuthority> roles(List<String> groupIds) {
        return groupIds.stream()
                .map(group -> new SimpleGrantedAuthority("ROLE_" + group))
                .toList();
    }

    String userId() {
        return userId;
    }

    List<String> groupIds() {
        return groupIds;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return userId;
    }
}
