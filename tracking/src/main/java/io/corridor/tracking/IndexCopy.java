package io.corridor.tracking;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.MultiExecutionCallback;
import com.hazelcast.cluster.Member;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This member's copy of one of the cargo indexes (tracker id → shipments in transit, truck plate
 * blind index → shipments in transit), so routing a fix or a plate read costs no Hazelcast
 * operation. Kept current two ways: every change of an entry (an entry listener) makes the member
 * read the entry again, and a release or end waits, through {@link #syncEverywhere}, until every
 * member has read the entries it changed, so a fix or read committed anywhere after the release was
 * answered is routed to the new shipment. Reads are numbered when
 * issued and a read's answer is kept only if no later-issued read of the same key was kept before
 * (reads of one key run in order on its partition), so an answer that arrives late never puts an
 * older entry back.
 */
final class IndexCopy {

  /** The member's user-context key under which {@link Sync} finds this member's copy of the tracker index. */
  static final String TRACKERS = "corridor.cargo.tracker-index-copy";
  /** The same for the truck plate index. */
  static final String PLATES = "corridor.cargo.plate-index-copy";
  /** Executor service of the sync tasks. */
  static final String EXECUTOR = "corridor.cargo.index-sync";

  private record Kept(long read, Set<String> shipments) {}

  private final IMap<String, HashSet<String>> index;
  private final HazelcastInstance hazelcast;
  private final String contextKey;
  private final Executor callbacks;
  private final ConcurrentHashMap<String, Kept> copy = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();

  /** @param contextKey {@link #TRACKERS} or {@link #PLATES}: where every member's {@link Sync} finds its copy */
  IndexCopy(HazelcastInstance hazelcast, IMap<String, HashSet<String>> index, String contextKey, Executor callbacks) {
    this.hazelcast = hazelcast;
    this.index = index;
    this.contextKey = contextKey;
    this.callbacks = callbacks;
    hazelcast.getUserContext().put(contextKey, this);
    index.addEntryListener(new Changes(), false); // the listener, before the first load: no change is missed
    refresh(index.keySet()).join();
  }

  /** The shipments of {@code key} (a tracker id, a plate's blind index) in this member's copy. */
  Set<String> shipmentsOf(String key) {
    Kept k = copy.get(key);
    return k == null ? Set.of() : k.shipments();
  }

  /** Reads {@code keys} again; completes once every read is applied. */
  CompletableFuture<Void> refresh(Collection<String> keys) {
    CompletableFuture<?>[] steps = keys.stream().map(this::refresh).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(steps);
  }

  private CompletableFuture<Void> refresh(String key) {
    long read = reads.incrementAndGet();
    // applied where the read completes (a Hazelcast thread): one map update, nothing that blocks, and
    // no pool thread needed, which a release waiting on the pool for every member's copy would hold
    return index.getAsync(key).toCompletableFuture().thenAccept(ids -> {
      Set<String> shipments = ids == null || ids.isEmpty() ? Set.of() : Collections.unmodifiableSet(ids);
      copy.compute(key, (t, kept) -> kept != null && kept.read() > read ? kept : new Kept(read, shipments));
    });
  }

  /**
   * Has every member read {@code keys} again; completes (on {@code callbacks}) once all have,
   * a member that left meanwhile skipped, and fails when one did not within {@code timeout}.
   * Nothing blocks while it waits.
   */
  CompletableFuture<Void> syncEverywhere(Set<String> keys, Duration timeout) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    hazelcast.getExecutorService(EXECUTOR).submitToAllMembers(new Sync(contextKey, List.copyOf(keys)),
        new MultiExecutionCallback() {
      @Override
      public void onResponse(Member member, Object value) {
        // each member's answer; onComplete sees them all
      }

      @Override
      public void onComplete(Map<Member, Object> values) {
        for (Object v : values.values()) {
          if (v instanceof Throwable t && !(t instanceof com.hazelcast.core.MemberLeftException)) {
            done.completeExceptionally(new IllegalStateException("a member's copy of " + index.getName()
                + " was not refreshed: " + t, t));
            return;
          }
        }
        done.complete(null);
      }
    });
    return done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).thenApplyAsync(v -> v, callbacks);
  }

  /** Makes the member it runs on read some entries of one index again. */
  static final class Sync implements Callable<Boolean>, Serializable, HazelcastInstanceAware {
    private final String contextKey;
    private final List<String> keys;
    private transient HazelcastInstance member;

    Sync(String contextKey, List<String> keys) {
      this.contextKey = contextKey;
      this.keys = keys;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
      this.member = hazelcastInstance;
    }

    @Override
    public Boolean call() throws Exception {
      Object local = member.getUserContext().get(contextKey);
      if (local instanceof IndexCopy copy) {
        copy.refresh(keys).get(30, TimeUnit.SECONDS);
        return true;
      }
      return false; // a member without cargo routes no fix
    }
  }

  private final class Changes implements EntryAddedListener<String, HashSet<String>>,
      EntryUpdatedListener<String, HashSet<String>>, EntryRemovedListener<String, HashSet<String>>,
      EntryMergedListener<String, HashSet<String>> {
    @Override
    public void entryAdded(EntryEvent<String, HashSet<String>> e) {
      refresh(e.getKey());
    }

    @Override
    public void entryUpdated(EntryEvent<String, HashSet<String>> e) {
      refresh(e.getKey());
    }

    @Override
    public void entryRemoved(EntryEvent<String, HashSet<String>> e) {
      refresh(e.getKey());
    }

    @Override
    public void entryMerged(EntryEvent<String, HashSet<String>> e) {
      refresh(e.getKey());
    }
  }
}
