package io.corridor.platform.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs an action for every member that leaves the cluster (shut down, crashed, or cut off past the
 * heartbeat timeout), on a thread of its own, so the action may block (JDBC) without holding up
 * Hazelcast's event delivery. Every surviving member runs it: the action must be idempotent.
 * Closing stops listening.
 */
public final class MemberDepartures implements AutoCloseable {

  private final HazelcastInstance hazelcast;
  private final ExecutorService thread;
  private final UUID registration;

  private MemberDepartures(HazelcastInstance hazelcast, String name, Consumer<UUID> action) {
    this.hazelcast = hazelcast;
    this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("departures-" + name).daemon().factory());
    this.registration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {}

      @Override
      public void memberRemoved(MembershipEvent event) {
        UUID member = event.getMember().getUuid();
        try {
          thread.execute(() -> action.accept(member));
        } catch (RejectedExecutionException closing) {
          // this member is shutting down itself
        }
      }
    });
  }

  /**
   * Calls {@code action} with the id ({@code Member.getUuid()}) of each member that leaves from now on.
   *
   * @param name names the thread the action runs on ({@code departures-<name>})
   */
  public static MemberDepartures watch(HazelcastInstance hazelcast, String name, Consumer<UUID> action) {
    return new MemberDepartures(hazelcast, name, action);
  }

  @Override
  public void close() {
    try {
      hazelcast.getCluster().removeMembershipListener(registration);
    } catch (RuntimeException notRunning) {
      // the member is already shut down
    }
    thread.shutdownNow();
  }
}
