module example.com/shop/money

go 1.26
