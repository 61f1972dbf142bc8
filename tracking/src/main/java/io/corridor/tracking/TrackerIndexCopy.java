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
 * This member's copy of the tracker index (tracker id → shipments in transit), so routing a fix
 * costs no Hazelcast operation. Kept current two ways: every change of an entry (an entry
 * listener) makes the member read the entry again, and a release or end waits, through
 * {@link #syncEverywhere}, until every member has read the entries it changed, so a fix committed
 * anywhere after the release was answered is routed to the new shipment. Reads are numbered when
 * issued and a read's answer is kept only if no later-issued read of the same key was kept before
 * (reads of one key run in order on its partition), so an answer that arrives late never puts an
 * older entry back.
 */
final class TrackerIndexCopy {

  /** The member's user-context key under which {@link Sync} finds this member's copy. */
  static final String CONTEXT_KEY = "corridor.cargo.tracker-index-copy";
  /** Executor service of the sync tasks. */
  static final String EXECUTOR = "corridor.cargo.index-sync";

  private record Kept(long read, Set<String> shipments) {}

  private final IMap<String, HashSet<String>> index;
  private final HazelcastInstance hazelcast;
  private final Executor callbacks;
  private final ConcurrentHashMap<String, Kept> copy = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();

  TrackerIndexCopy(HazelcastInstance hazelcast, IMap<String, HashSet<String>> index, Executor callbacks) {
    this.hazelcast = hazelcast;
    this.index = index;
    this.callbacks = callbacks;
    hazelcast.getUserContext().put(CONTEXT_KEY, this);
    index.addEntryListener(new Changes(), false); // the listener, before the first load: no change is missed
    refresh(index.keySet()).join();
  }

  /** The shipments of {@code tracker} in this member's copy. */
  Set<String> shipmentsOf(String tracker) {
    Kept k = copy.get(tracker);
    return k == null ? Set.of() : k.shipments();
  }

  /** Reads {@code trackers} again; completes once every read is applied. */
  CompletableFuture<Void> refresh(Collection<String> trackers) {
    CompletableFuture<?>[] steps = trackers.stream().map(this::refresh).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(steps);
  }

  private CompletableFuture<Void> refresh(String tracker) {
    long read = reads.incrementAndGet();
    // applied where the read completes (a Hazelcast thread): one map update, nothing that blocks, and
    // no pool thread needed, which a release waiting on the pool for every member's copy would hold
    return index.getAsync(tracker).toCompletableFuture().thenAccept(ids -> {
      Set<String> shipments = ids == null || ids.isEmpty() ? Set.of() : Collections.unmodifiableSet(ids);
      copy.compute(tracker, (t, kept) -> kept != null && kept.read() > read ? kept : new Kept(read, shipments));
    });
  }

  /**
   * Has every member read {@code trackers} again; completes (on {@code callbacks}) once all have,
   * a member that left meanwhile skipped, and fails when one did not within {@code timeout}.
   * Nothing blocks while it waits.
   */
  CompletableFuture<Void> syncEverywhere(Set<String> trackers, Duration timeout) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    hazelcast.getExecutorService(EXECUTOR).submitToAllMembers(new Sync(List.copyOf(trackers)), new MultiExecutionCallback() {
      @Override
      public void onResponse(Member member, Object value) {
        // each member's answer; onComplete sees them all
      }

      @Override
      public void onComplete(Map<Member, Object> values) {
        for (Object v : values.values()) {
          if (v instanceof Throwable t && !(t instanceof com.hazelcast.core.MemberLeftException)) {
            done.completeExceptionally(new IllegalStateException("a member's tracker index copy was not refreshed: " + t, t));
            return;
          }
        }
        done.complete(null);
      }
    });
    return done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).thenApplyAsync(v -> v, callbacks);
  }

  /** Makes the member it runs on read some trackers' entries again. */
  static final class Sync implements Callable<Boolean>, Serializable, HazelcastInstanceAware {
    private final List<String> trackers;
    private transient HazelcastInstance member;

    Sync(List<String> trackers) {
      this.trackers = trackers;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
      this.member = hazelcastInstance;
    }

    @Override
    public Boolean call() throws Exception {
      Object local = member.getUserContext().get(CONTEXT_KEY);
      if (local instanceof TrackerIndexCopy copy) {
        copy.refresh(trackers).get(30, TimeUnit.SECONDS);
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
