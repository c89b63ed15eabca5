# A Java runtime installed from the distribution depends on
# ca-certificates-java, which brings the CA bundle.
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
COPY app.jar /app.jar
USER ubuntu
ENTRYPOINT ["java", "-jar", "/app.jar"]
