package io.iotsim.core.publish;

import java.util.Arrays;

/**
 * One encoded reading on its way to a {@link Publisher}. A mutable view that the device fills and
 * reuses for every reading: a publisher that keeps anything past {@link Publisher#publish} must
 * copy it (a {@link QueuedReading}), so the hot path allocates nothing for publishers that do not
 * queue (null, counting).
 */
public final class EncodedReading {

  /** Where a reading's topic comes from; asked only by publishers that use topics. */
  @FunctionalInterface
  public interface TopicSource {
    String topic();
  }

  private String deviceId;
  private String deviceType;
  private TopicSource topicSource;
  private String topic;
  private long simTimeMillis;
  private long sequence;
  private int qos;
  private byte[] buffer;
  private int length;

  /** Fills the view with a topic already resolved. */
  public EncodedReading set(
      String deviceId,
      String deviceType,
      String topic,
      long simTimeMillis,
      long sequence,
      int qos,
      byte[] buffer,
      int length) {
    set(deviceId, deviceType, (TopicSource) null, simTimeMillis, sequence, qos, buffer, length);
    this.topic = topic;
    return this;
  }

  /** Fills the view; the topic is asked of {@code topicSource} only if a publisher reads it. */
  public EncodedReading set(
      String deviceId,
      String deviceType,
      TopicSource topicSource,
      long simTimeMillis,
      long sequence,
      int qos,
      byte[] buffer,
      int length) {
    this.deviceId = deviceId;
    this.deviceType = deviceType;
    this.topicSource = topicSource;
    this.topic = null;
    this.simTimeMillis = simTimeMillis;
    this.sequence = sequence;
    this.qos = qos;
    this.buffer = buffer;
    this.length = length;
    return this;
  }

  public String deviceId() {
    return deviceId;
  }

  public String deviceType() {
    return deviceType;
  }

  /** The device's resolved topic template (MQTT topic; AMQP routing key source; CoAP/HTTP path). */
  public String topic() {
    String t = topic;
    if (t == null) {
      t = topic = topicSource.topic();
    }
    return t;
  }

  /** The reading's scheduled simulated time, epoch milliseconds. */
  public long simTimeMillis() {
    return simTimeMillis;
  }

  /** k: the reading's index in its device's schedule. */
  public long sequence() {
    return sequence;
  }

  public int qos() {
    return qos;
  }

  /** The payload bytes are {@code buffer()[0, length())}; valid only during the publish call. */
  public byte[] buffer() {
    return buffer;
  }

  public int length() {
    return length;
  }

  public byte[] copyPayload() {
    return Arrays.copyOf(buffer, length);
  }
}
