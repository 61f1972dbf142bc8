package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** Finding an answer's end, status and length in the bytes read so far. */
class HttpAnswerTest {

  private static final String OK = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";

  @Test
  void anAnswerWithoutBodyEndsAtItsBlankLine() {
    Buffer b = Buffer.buffer(OK + "HTTP/1.1 2");
    int end = HttpAnswer.headEnd(b);

    assertThat(end).isEqualTo(OK.length() - 4);
    assertThat(HttpAnswer.length(b, end)).isEqualTo(OK.length());
    assertThat(HttpAnswer.status(b)).isEqualTo(200);
  }

  @Test
  void aBodyCountsByItsContentLengthInAnyCaseAndSpacing() {
    String head = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nCONTENT-LENGTH:\t 11 \r\n\r\n";
    Buffer b = Buffer.buffer(head + "overloaded.");

    assertThat(HttpAnswer.length(b, HttpAnswer.headEnd(b))).isEqualTo(head.length() + 11);
    assertThat(HttpAnswer.status(b)).isEqualTo(503);
  }

  @Test
  void anIncompleteHeadOrBodyIsNotAnAnswerYet() {
    assertThat(HttpAnswer.headEnd(Buffer.buffer("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r"))).isEqualTo(-1);
    Buffer partBody = Buffer.buffer("HTTP/1.1 400 Bad Request\r\nContent-Length: 20\r\n\r\nid is not ");

    assertThat(HttpAnswer.length(partBody, HttpAnswer.headEnd(partBody))).isZero();
  }

  @Test
  void aHeaderNamedLikeContentLengthIsNotIt() {
    Buffer b = Buffer.buffer("HTTP/1.1 200 OK\r\ncontent-lengthy: 5\r\nx-content-length: 9\r\n\r\n");

    assertThat(HttpAnswer.length(b, HttpAnswer.headEnd(b))).isEqualTo(b.length());
  }

  @Test
  void aGarbledStatusOrLengthIsAnError() {
    assertThatThrownBy(() -> HttpAnswer.status(Buffer.buffer("HTTP/1.1 2x0 OK\r\n\r\n")))
        .isInstanceOf(IllegalStateException.class);
    Buffer b = Buffer.buffer("HTTP/1.1 200 OK\r\nContent-Length: 1a\r\n\r\n");
    assertThatThrownBy(() -> HttpAnswer.length(b, HttpAnswer.headEnd(b))).isInstanceOf(IllegalStateException.class);
  }
}
