package io.corridor.rules.engine;

import io.corridor.rules.engine.registry.Permits;
import io.corridor.rules.engine.registry.VehicleRegistry;
import io.corridor.rules.engine.section.JourneyStore;
import io.corridor.rules.engine.signal.SignalStore;
import io.corridor.rules.engine.site.Sites;

/** What compiled rules use at run time, shared by all of them. */
public record RuleServices(EngineMetrics metrics, Sites sites, VehicleRegistry registry, Permits permits,
    JourneyStore journeys, SignalStore signals) {}
