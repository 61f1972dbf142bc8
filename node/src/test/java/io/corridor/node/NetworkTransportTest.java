package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.transport.Transport;

import org.junit.jupiter.api.Test;

/** Which transport a node asks Vert.x for, and the reason it logs. */
class NetworkTransportTest {

  /** A native transport as Vert.x describes one, loadable or not. */
  record FakeTransport(String name, Throwable unavailabilityCause) implements Transport {
    @Override
    public boolean available() {
      return unavailabilityCause == null;
    }

    @Override
    public io.vertx.core.spi.transport.Transport implementation() {
      throw new UnsupportedOperationException("not built in this test");
    }
  }

  @Test
  void aLoadableNativeTransportIsTakenWhenAskedFor() {
    FakeTransport epoll = new FakeTransport("epoll", null);
    NetworkTransport chosen = NetworkTransport.choose(true, epoll);
    assertThat(chosen.transport()).isSameAs(epoll);
    assertThat(chosen.isNative()).isTrue();
    assertThat(chosen.reason()).isEqualTo("vertx.native-transport=true");
  }

  @Test
  void nioWhenTheSettingIsOff() {
    NetworkTransport chosen = NetworkTransport.choose(false, new FakeTransport("epoll", null));
    assertThat(chosen.transport()).isSameAs(Transport.NIO);
    assertThat(chosen.isNative()).isFalse();
    assertThat(chosen.reason()).isEqualTo("vertx.native-transport=false");
  }

  @Test
  void nioWithTheLoadersRootCauseWhereTheLibraryCannotLoad() {
    Throwable cause = new IllegalStateException("failed to load the required native library",
        new UnsatisfiedLinkError("no netty_transport_native_epoll_x86_64 in java.library.path"));
    NetworkTransport chosen = NetworkTransport.choose(true, new FakeTransport("epoll", cause));
    assertThat(chosen.transport()).isSameAs(Transport.NIO);
    assertThat(chosen.reason()).startsWith("vertx.native-transport=true, but epoll cannot load on ")
        .contains("IllegalStateException: failed to load the required native library")
        .endsWith("(UnsatisfiedLinkError: no netty_transport_native_epoll_x86_64 in java.library.path)");
  }

  @Test
  void nioWherePlatformHasNoNativeTransport() {
    NetworkTransport chosen = NetworkTransport.choose(true, null);
    assertThat(chosen.transport()).isSameAs(Transport.NIO);
    assertThat(chosen.reason()).startsWith("vertx.native-transport=true, but Vert.x has no native transport for ");
  }
}
