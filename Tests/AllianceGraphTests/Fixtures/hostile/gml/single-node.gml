graph [
  node [ id 0 name "AAA" ]
]
