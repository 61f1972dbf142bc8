package io.corridor.rules.engine.site;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The camera sites in force on this node, by site id and by camera device id. Thread-safe; copy on write. */
public final class Sites {

  private record Index(Map<String, CameraSite> byId, Map<String, CameraSite> byDevice) {}

  private volatile Index index = new Index(Map.of(), Map.of());

  /** Installs {@code site} unless a newer version of it is already in force; returns whether it was installed. */
  public synchronized boolean put(CameraSite site) {
    CameraSite current = index.byId.get(site.siteId());
    if (current != null && current.version() > site.version()) {
      return false;
    }
    Map<String, CameraSite> byId = new HashMap<>(index.byId);
    byId.put(site.siteId(), site);
    Map<String, CameraSite> byDevice = new HashMap<>();
    byId.values().forEach(s -> byDevice.put(s.deviceId(), s));
    index = new Index(Map.copyOf(byId), Map.copyOf(byDevice));
    return true;
  }

  /** Installs every site. */
  public void putAll(Collection<CameraSite> sites) {
    sites.forEach(this::put);
  }

  /** The site of camera {@code deviceId}, or {@code null}. */
  public CameraSite byDevice(String deviceId) {
    return index.byDevice.get(deviceId);
  }

  /** The site {@code siteId}, or {@code null}. */
  public CameraSite byId(String siteId) {
    return index.byId.get(siteId);
  }

  /** Every site. */
  public Collection<CameraSite> all() {
    return index.byId.values();
  }
}
