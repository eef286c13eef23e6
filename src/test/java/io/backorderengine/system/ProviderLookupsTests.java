package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.datatype.DatatypeFactory;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/** The providers named instead of scanned for exist, and are what the factories hand out. */
class ProviderLookupsTests {

    @Test
    void theNamedProvidersAreTheOnesTheFactoriesReturn() throws Exception {
        new ProviderLookups().preInit(null);

        // a wrong name would fail every job and timer the engine creates, and every email
        assertThat(DatatypeFactory.newInstance().newDuration("PT5M").getMinutes())
                .isEqualTo(5);
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(ProviderLookups.PROVIDERS.get(DatatypeFactory.class.getName()));
        assertThat(StreamProvider.provider().getClass().getName())
                .isEqualTo(ProviderLookups.PROVIDERS.get(StreamProvider.class.getName()));
    }
}
