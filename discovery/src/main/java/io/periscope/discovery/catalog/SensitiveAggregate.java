package io.periscope.discovery.catalog;

import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.SensitiveDataInfo;

/** Sensitive values of one type at one place of an endpoint. Holds a masked example only. */
final class SensitiveAggregate {
    private final String type;
    private final ParameterLocation location;
    private final String name;
    private long count;
    private double confidence;
    private String maskedExample;

    SensitiveAggregate(String type, ParameterLocation location, String name) {
        this.type = type;
        this.location = location;
        this.name = name;
    }

    String type() {
        return type;
    }

    static String key(String type, ParameterLocation location, String name) {
        return type + ' ' + location.name() + ' ' + name;
    }

    void add(double c, String masked) {
        count++;
        if (c > confidence) {
            confidence = c;
        }
        if (maskedExample == null) {
            maskedExample = masked;
        }
    }

    void absorb(SensitiveAggregate o) {
        count += o.count;
        confidence = Math.max(confidence, o.confidence);
        if (maskedExample == null) {
            maskedExample = o.maskedExample;
        }
    }

    SensitiveDataInfo toInfo() {
        return new SensitiveDataInfo(type, location, name, count, confidence, maskedExample);
    }

    static SensitiveAggregate from(SensitiveDataInfo i) {
        SensitiveAggregate s = new SensitiveAggregate(i.type(), i.location(), i.name());
        s.count = i.count();
        s.confidence = i.confidence();
        s.maskedExample = i.maskedExample();
        return s;
    }
}
