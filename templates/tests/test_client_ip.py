from ipaddress import ip_network

from app.client_ip import client_ip

PROXIES = [ip_network("10.0.0.0/8"), ip_network("127.0.0.1/32")]


def test_the_peer_is_the_client_without_a_trusted_proxy() -> None:
    assert client_ip("203.0.113.9", None, PROXIES) == "203.0.113.9"
    assert client_ip("203.0.113.9", "198.51.100.1", PROXIES) == "203.0.113.9"


def test_forwarded_for_counts_only_behind_a_trusted_proxy() -> None:
    assert client_ip("10.0.0.2", "198.51.100.1", PROXIES) == "198.51.100.1"


def test_spoofed_entries_left_of_the_real_client_are_ignored() -> None:
    header = "1.2.3.4, 198.51.100.1, 10.0.0.7"
    assert client_ip("10.0.0.2", header, PROXIES) == "198.51.100.1"


def test_odd_values_fall_back_safely() -> None:
    assert client_ip(None, "198.51.100.1", PROXIES) == "unknown"
    assert client_ip("testclient", "198.51.100.1", PROXIES) == "testclient"
    assert client_ip("10.0.0.2", "garbage", PROXIES) == "garbage"
    assert client_ip("10.0.0.2", "10.0.0.3", PROXIES) == "10.0.0.3"
