package io.backorderengine.backorder;

import java.util.List;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** No policy table with this key (404). */
public class PolicyNotFoundException extends ProblemException {

    public PolicyNotFoundException(String key, List<String> known) {
        super(
                HttpStatus.NOT_FOUND,
                "policy-not-found",
                "no policy table '%s'; the tables are %s".formatted(key, known));
    }
}
