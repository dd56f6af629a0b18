graph [
  node [ id 0 name "AAA" ]
  node [ id 0 name "BBB" ]
]
