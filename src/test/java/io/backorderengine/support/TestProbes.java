package io.backorderengine.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** Test helpers that live in the shared application context. */
@TestConfiguration(proxyBeanMethods = false)
@Import({Api.class, Catalog.class, EventProbe.class, Database.class, TestUsers.class})
public class TestProbes {
}
