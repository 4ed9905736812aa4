package io.iotsim.core.publish.mqtt;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import java.util.concurrent.TimeUnit;

/**
 * Builds {@link MqttLink}s of one publisher. All links share one executor config, so HiveMQ gives
 * them one Netty event loop group: ten thousand connections cost file descriptors and buffers, not
 * threads.
 */
final class MqttLinks {

  private final MqttSettings settings;
  private final MqttClientExecutorConfig executorConfig;
  private final MqttClientSslConfig sslConfig;

  MqttLinks(MqttSettings settings) {
    this.settings = settings;
    var executor = MqttClientExecutorConfig.builder();
    if (settings.nettyThreads() > 0) {
      executor.nettyThreads(settings.nettyThreads());
    }
    this.executorConfig = executor.build();
    this.sslConfig = settings.ssl() ? sslConfig(settings.tls()) : null;
  }

  MqttLink create(LinkOptions options, MqttLink.Listener listener) {
    return switch (settings.version()) {
      case V3_1_1 -> new Mqtt3Link(this, options, listener);
      case V5 -> new Mqtt5Link(this, options, listener);
    };
  }

  MqttSettings settings() {
    return settings;
  }

  MqttClientExecutorConfig executorConfig() {
    return executorConfig;
  }

  MqttClientTransportConfig transportConfig(LinkOptions options) {
    MqttClientTransportConfigBuilder transport =
        MqttClientTransportConfig.builder()
            .serverHost(settings.host())
            .serverPort(settings.port())
            .socketConnectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .mqttConnectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (options.localAddress() != null) {
      transport.localAddress(options.localAddress());
    }
    if (sslConfig != null) {
      transport.sslConfig(sslConfig);
    }
    return transport.build();
  }

  /**
   * Reconnects a link that was lost or never came up, after a backoff delay; a disconnect we asked
   * for (source USER) stays down.
   */
  void reconnectUnlessClosed(MqttClientDisconnectedContext context, MqttLink.Listener listener) {
    listener.onDisconnected(context.getCause());
    if (context.getSource() == MqttDisconnectSource.USER || listener.isClosed()) {
      return;
    }
    var reconnector = context.getReconnector();
    reconnector
        .reconnect(true)
        .delay(settings.reconnect().delayMillis(reconnector.getAttempts()), TimeUnit.MILLISECONDS);
  }

  private static MqttClientSslConfig sslConfig(MqttSettings.Tls tls) {
    MqttClientSslConfigBuilder ssl = MqttClientSslConfig.builder();
    if (!tls.caCert().isEmpty()) {
      ssl.trustManagerFactory(PemTls.trustManagers(tls.caCert()));
    }
    if (tls.mutual()) {
      if (tls.clientKey().isEmpty()) {
        throw new IllegalArgumentException("mqtt.tls.client-key is required with client-cert");
      }
      ssl.keyManagerFactory(PemTls.keyManagers(tls.clientCert(), tls.clientKey()));
    }
    if (!tls.verifyHostname()) {
      ssl.hostnameVerifier((host, session) -> true);
    }
    return ssl.build();
  }
}
