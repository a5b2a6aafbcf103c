# The "server" of the system test: a fresh Debian 12 minbase, plus what the test
# puts there instead of a real machine's kernel-level parts:
#  - the Docker CLI and Compose plugin, talking to the test's Docker engine through
#    its socket (bootstrap would install Docker from download.docker.com, which
#    these machines cannot reach; with `docker compose` present it skips that step),
#  - a systemctl stand-in (no systemd in a container; see systemctl-stub).
# Everything else (packages, users, sudoers, sshd, firewall, secrets, /data) is
# done by platform/bin/bootstrap itself, for real.
ARG DEBIAN_IMAGE=towlion-test/debian:bookworm
FROM ${DEBIAN_IMAGE}
COPY docker /usr/local/bin/docker
COPY docker-compose /usr/local/lib/docker/cli-plugins/docker-compose
COPY systemctl-stub /usr/local/bin/systemctl
CMD ["bash", "-c", "if [ -x /usr/sbin/sshd ]; then mkdir -p /run/sshd && /usr/sbin/sshd; fi; exec sleep infinity"]
