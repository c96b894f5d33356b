import { Module } from '@nestjs/common';
import { ChangeOrderHandler } from './order-command.handler.js';
import { OrdersController } from './orders.controller.js';

@Module({ controllers: [OrdersController], providers: [ChangeOrderHandler] })
export class OrdersModule {}
