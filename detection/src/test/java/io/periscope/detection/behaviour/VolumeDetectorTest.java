package io.periscope.detection.behaviour;

import org.junit.jupiter.api.Test;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class VolumeDetectorTest {

    @Test
    void pullingThousandsOfPagesInMinutesIsScraping() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 700; i++) {
            h.feed(Obs.at(i * SECOND / 2).get("/api/products?page=" + i, 200).bytes(20_000));
        }
        assertThat(h.types()).contains(BehaviourType.SCRAPING);
        assertThat(h.findings.get(0).explanation()).contains("observed 600");
    }

    @Test
    void aBusyButOrdinaryClientIsNotScraping() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 3000; i++) {
            h.feed(Obs.at(i * 3 * SECOND).get("/api/products?page=" + (i % 10), 200).bytes(4_000));
        }
        assertThat(h.findings).isEmpty();
    }

    @Test
    void mostlyFailingBurstsAreErrorAbuse() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 250; i++) {
            h.feed(Obs.at(i * SECOND).call("POST", "/api/cart", 400));
        }
        assertThat(h.types()).contains(BehaviourType.ERROR_ABUSE);
    }
}
