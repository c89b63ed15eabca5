module example.com/notifier

go 1.25

require github.com/nats-io/nats.go v1.38.0
