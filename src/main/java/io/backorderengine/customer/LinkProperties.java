package io.backorderengine.customer;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl where customers reach this application (the links in emails start with it); where
 *                  agents do ({@code backorder.public-url}) when not set
 * @param validity  how long a link works; it also stops deciding when the case ends
 */
@ConfigurationProperties("backorder.links")
record LinkProperties(URI publicUrl, @DefaultValue("P30D") Duration validity) {}
