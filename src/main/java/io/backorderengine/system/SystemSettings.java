package io.backorderengine.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How a node protects itself and names itself: the {@code backorder.*} settings of the system module.
 *
 * @param nodeName the node's name in the job locks it takes; host name and process id when not set
 * @param http     how many requests and uploads a node takes at once, and how long it waits for them
 * @param api      how large a request body may be
 * @param security the failed-login throttle per client address
 * @param demo     the demo profile's users
 * @param h2       housekeeping of the embedded H2 file
 * @param models   what a start does with the models packaged in the jar (see PackagedModels)
 */
@ConfigurationProperties("backorder")
record SystemSettings(
        String nodeName,
        @DefaultValue Http http,
        @DefaultValue Api api,
        @DefaultValue Security security,
        @DefaultValue Demo demo,
        @DefaultValue H2 h2,
        @DefaultValue Models models) {

    /**
     * @param bodyReadTimeout               a request body must arrive within this, else 408
     * @param maxConcurrentUploads          request bodies read at once, in all (503 with Retry-After beyond)
     * @param maxConcurrentUploadsPerClient request bodies read at once per client address
     * @param maxConcurrentRequests         requests to the APIs and pages running at once (each may hold a
     *                                      database connection); the pool must hold these plus the job executor's
     * @param queueWait                     how long a request waits for a free slot before it is answered 503
     */
    record Http(
            @DefaultValue("10s") Duration bodyReadTimeout,
            @DefaultValue("64") int maxConcurrentUploads,
            @DefaultValue("8") int maxConcurrentUploadsPerClient,
            @DefaultValue("10") int maxConcurrentRequests,
            @DefaultValue("1s") Duration queueWait) {}

    /**
     * @param maxBodySize       the largest request body, else 413
     * @param maxDeploymentSize the largest deployment (BPMN, DMN and forms together)
     * @param maxCatalogSize    the largest catalog upload ({@code PUT /api/inventory/products},
     *                          {@code /suppliers}, {@code /substitutes}, {@code /stock-changes}): 10,000 products take about 2MB
     */
    record Api(
            @DefaultValue("256KB") DataSize maxBodySize,
            @DefaultValue("4MB") DataSize maxDeploymentSize,
            @DefaultValue("8MB") DataSize maxCatalogSize) {}

    /** @param failedLoginsPerMinute failed logins per client address and minute before it is answered 429 */
    record Security(@DefaultValue("20") long failedLoginsPerMinute) {}

    /** @param password the demo users' password (demo profile only; no other profile creates users) */
    record Demo(String password) {}

    /** @param housekeepingInterval how often the embedded H2 file is looked at for compaction */
    record H2(@DefaultValue("PT5S") Duration housekeepingInterval) {}

    /**
     * @param onConflict what a start does when a release changed a packaged model and analysts have deployed
     *                   a newer version of one of them: keep theirs (and say so), or deploy the packaged ones
     */
    record Models(@DefaultValue("keep-deployed") OnConflict onConflict) {}

    enum OnConflict {
        KEEP_DEPLOYED,
        DEPLOY_PACKAGED
    }
}
