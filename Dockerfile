# Container image of a Corridor node. Not built on the development machines (they have no
# container engine); build it in CI or on a workstation with Docker or Podman:
#   docker build -t registry.example.org/corridor/node:0.1.0 .
# The Helm chart (helm/corridor) runs it as user 10001 with a read-only root filesystem; writable
# paths are /tmp and the working directory /var/lib/corridor (both emptyDir volumes).

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests -pl node -am install

FROM eclipse-temurin:25-jre
RUN useradd --uid 10001 --system --home-dir /var/lib/corridor corridor \
 && mkdir -p /opt/corridor/lib /var/lib/corridor && chown corridor /var/lib/corridor
COPY --from=build /src/node/target/lib/ /opt/corridor/lib/
COPY --from=build /src/node/target/corridor-node-*.jar /opt/corridor/lib/
USER 10001
WORKDIR /var/lib/corridor
EXPOSE 8080 5701 5801 5055 1883
# The same JVM flags as bin/corridor: Hazelcast's module access, and a common pool of at least 4
# threads (with 2 cores it would have 1, and Hazelcast then starts a thread per callback).
ENTRYPOINT ["java", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "-Djava.net.preferIPv4Stack=true", \
  "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=slf4j", \
  "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", \
  "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", \
  "--add-opens", "java.management/sun.management=ALL-UNNAMED", \
  "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", \
  "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", \
  "-cp", "/opt/corridor/lib/*", "io.corridor.node.Main", "run"]
