package io.backorderengine.system;

import org.springframework.security.authentication.AuthenticationServiceException;

/** The credentials could not be checked because the database is away: 503, not 401. */
class DatabaseUnavailable extends AuthenticationServiceException {

    DatabaseUnavailable(Throwable cause) {
        super("the database cannot be reached right now", cause);
    }
}
