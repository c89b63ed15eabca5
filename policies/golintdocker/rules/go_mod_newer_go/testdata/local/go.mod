module example.com/payments

go 1.27.1

require github.com/google/uuid v1.6.0
