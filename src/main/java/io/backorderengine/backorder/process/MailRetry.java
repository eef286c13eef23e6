package io.backorderengine.backorder.process;

import io.backorderengine.system.ModelBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of the email jobs, read by the model as {@code ${mailRetry.cycle}}: how long a
 * failing SMTP server is retried before the job raises an incident in Cockpit is an operator's
 * setting ({@code backorder.mail.retry-cycle}, an ISO 8601 repeating interval).
 */
@Component
@ModelBean(properties = "cycle")
public class MailRetry {

    private final String cycle;

    MailRetry(@Value("${backorder.mail.retry-cycle:R5/PT1M}") String cycle) {
        this.cycle = cycle;
    }

    public String getCycle() {
        return cycle;
    }
}
