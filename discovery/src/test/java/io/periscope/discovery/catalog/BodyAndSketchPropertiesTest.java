package io.periscope.discovery.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.discovery.schema.FormFields;
import io.periscope.discovery.schema.JsonFields;
import io.periscope.discovery.schema.MultipartFields;
import io.periscope.discovery.stats.ClientSketch;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BodyAndSketchPropertiesTest {
    @Property
    void bodyReadersNeverThrowOnArbitraryBytes(@ForAll @Size(max = 2000) byte[] body) {
        AtomicInteger fields = new AtomicInteger();
        JsonFields.read(body, (n, t, v) -> fields.incrementAndGet());
        FormFields.read(body, (n, t, v) -> fields.incrementAndGet());
        MultipartFields.read(body, (n, t, v) -> fields.incrementAndGet());
        assertThat(fields.get()).isLessThanOrEqualTo(JsonFields.MAX_VALUES + FormFields.MAX_FIELDS + MultipartFields.MAX_PARTS);
    }

    @Property(tries = 20)
    void deeplyNestedJsonStopsAtTheDepthBound(@ForAll @IntRange(min = JsonFields.MAX_DEPTH + 2, max = 5000) int depth) {
        String json = "[".repeat(depth) + "]".repeat(depth);
        assertThat(JsonFields.read(json.getBytes(), (n, t, v) -> { })).isEqualTo(JsonFields.Outcome.TOO_DEEP);
    }

    @Property(tries = 5)
    void nestingUpToTheBoundIsReadFully(@ForAll @IntRange(min = 1, max = JsonFields.MAX_DEPTH + 1) int depth) {
        String json = "[".repeat(depth) + "]".repeat(depth);
        assertThat(JsonFields.read(json.getBytes(), (n, t, v) -> { })).isEqualTo(JsonFields.Outcome.OK);
    }

    @Property(tries = 20)
    void distinctClientEstimateIsWithinTenPercent(@ForAll @IntRange(min = 100, max = 50_000) int distinct) {
        ClientSketch sketch = new ClientSketch();
        for (int i = 0; i < distinct; i++) {
            sketch.add("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
            sketch.add("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)); // repeats do not count
        }
        assertThat((double) sketch.estimate()).isBetween(distinct * 0.9, distinct * 1.1);
        assertThat(ClientSketch.decode(sketch.encode()).estimate()).isEqualTo(sketch.estimate());
    }
}
